/** The JWT secret of test apps and test hub instances. */
export const TEST_SECRET = "test-secret-test-secret-test-secret!";
