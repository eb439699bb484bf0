import assert from "node:assert/strict";
import { CHUNK_BYTES } from "@/lib/assets/shared.ts";
import type { Asset } from "@/lib/assets/shared.ts";
import { tinyPdf, tinyPng } from "@/lib/assets/seed.ts";
import type { Config } from "@/lib/config.ts";
import { ROLES } from "@/lib/roles.ts";
import { DEMO_USERS } from "@/lib/seed.ts";
import { latestEventId, readEventsAfter } from "@/lib/store/event_log.ts";
import {
  createTestApp,
  demoPath,
  type TestApp,
  withApp,
} from "./helpers/test_app.ts";
import { serveApp } from "./helpers/serve.ts";
import {
  api,
  type Reply,
  type Session,
  sessions,
} from "./helpers/api_client.ts";
import { eventually, loggedEvents } from "./helpers/events.ts";

/** Test apps with a lowered upload limit, through the same config path. */
async function withLimit(
  maxUploadBytes: number,
  fn: (app: TestApp) => Promise<void>,
) {
  // `maxUploadBytes` is what PRODSIGHT_MAX_UPLOAD_BYTES will set in Config.
  const overrides: Partial<Config> & { maxUploadBytes: number } = {
    maxUploadBytes,
  };
  const app = await createTestApp(overrides);
  try {
    await fn(app);
  } finally {
    await app.close();
  }
}

/** Uploads `body` as `who` with the `query` parameters (name, category). */
function upload(
  app: TestApp,
  who: Session,
  query: Record<string, string>,
  body: BodyInit | null,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return api(app, who).call(
    "POST",
    `/api/assets?${new URLSearchParams(query)}`,
    body ?? undefined,
    { "content-type": "application/octet-stream", ...headers },
  );
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new Uint8Array(bytes));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0"))
    .join("");
}

async function countKeys(app: TestApp, prefix: Deno.KvKey) {
  let n = 0;
  for await (const _ of app.services.kv.list({ prefix })) n++;
  return n;
}

async function assertNoChunks(app: TestApp) {
  assert.equal(await countKeys(app, ["asset_chunks"]), 0, "no chunks");
  assert.equal(await countKeys(app, ["asset_uploads"]), 0, "no upload marks");
}

/** A PNG header followed by `size` random bytes: binary, sniffs as PNG. */
function pngLike(size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i += 65_536) {
    crypto.getRandomValues(out.subarray(i, Math.min(size, i + 65_536)));
  }
  out.set(tinyPng().subarray(0, 16));
  return out;
}

/** `size` bytes of generated text, produced lazily in 16 KiB pieces. */
function lazyText(size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      const n = Math.min(16 * 1024, size - sent);
      controller.enqueue(new Uint8Array(n).fill(0x61 + (sent % 26)));
      sent += n;
    },
  });
}

Deno.test("assets api - every role lists, uploads and downloads", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const ids: string[] = [];
    for (const demo of DEMO_USERS) {
      const res = await upload(app, s[demo.username], {
        name: `${demo.username}.pdf`,
      }, tinyPdf());
      assert.equal(res.status, 201, demo.username);
      assert.equal(res.headers.get("location"), `/api/assets/${res.body.id}`);
      assert.equal(res.body.uploaderId, s[demo.username].id);
      ids.push(res.body.id);
    }
    for (const demo of DEMO_USERS) {
      const who = s[demo.username];
      const list = await api(app, who).get("/api/assets");
      assert.equal(list.status, 200);
      assert.deepEqual(
        new Set(list.body.map((a: Asset) => a.id)),
        new Set(ids),
        demo.username,
      );
      const meta = await api(app, who).get(`/api/assets/${ids[0]}`);
      assert.equal(meta.status, 200);
      const res = await api(app, who).request(
        "GET",
        `/api/assets/${ids[0]}/content`,
      );
      assert.equal(res.status, 200, demo.username);
      assert.deepEqual(new Uint8Array(await res.arrayBuffer()), tinyPdf());
    }
    // Not signed in: 401 everywhere.
    for (
      const [method, path] of [
        ["GET", "/api/assets"],
        ["POST", "/api/assets?name=a.pdf"],
        ["GET", `/api/assets/${ids[0]}`],
        ["GET", `/api/assets/${ids[0]}/content`],
        ["DELETE", `/api/assets/${ids[0]}`],
      ]
    ) {
      const res = await app.fetch(path, { method });
      await res.body?.cancel();
      assert.equal(res.status, 401, `${method} ${path}`);
    }
  }));

Deno.test("assets api - delete: own files, or producer / production manager", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const fileBy = async (who: Session) =>
      (await upload(app, who, { name: "x.png" }, tinyPng())).body.id as string;
    // Everyone may delete what they uploaded.
    for (const demo of DEMO_USERS) {
      const who = s[demo.username];
      assert.equal(
        (await api(app, who).del(`/api/assets/${await fileBy(who)}`)).status,
        204,
      );
    }
    // Someone else's file: only the production office.
    for (const demo of DEMO_USERS) {
      const who = s[demo.username];
      const owner = demo.username === "crew" ? s.vfx : s.crew;
      const id = await fileBy(owner);
      const office = ["producer", "production_manager"].includes(demo.role);
      const res = await api(app, who).del(`/api/assets/${id}`);
      assert.equal(res.status, office ? 204 : 403, demo.username);
      if (!office) {
        assert.equal(res.body.error.code, "forbidden");
        assert.equal(
          (await api(app, owner).del(`/api/assets/${id}`)).status,
          204,
        );
      }
    }
    await assertNoChunks(app);
    assert.equal(await countKeys(app, ["assets"]), 0);
    // Unknown ids and stale versions.
    assert.equal(
      (await api(app, s.producer).del("/api/assets/nope")).status,
      404,
    );
    const id = await fileBy(s.crew);
    const stale = await api(app, s.crew).del(`/api/assets/${id}`, {
      "if-match": '"2"',
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.details.current.id, id);
    assert.equal(
      (await api(app, s.crew).del(`/api/assets/${id}`, { "if-match": "1" }))
        .status,
      204,
    );
    assert.equal((await api(app, s.crew).get(`/api/assets/${id}`)).status, 404);
    const gone = await api(app, s.crew).request(
      "GET",
      `/api/assets/${id}/content`,
    );
    assert.equal(gone.status, 404);
    assert.equal((await gone.json()).error.code, "not_found");
  }));

Deno.test("assets api - round trip: identical bytes, safe download headers", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const bytes = pngLike(200_000);
    // The client's type is ignored: the bytes say PNG.
    const res = await upload(
      app,
      s.crew,
      {
        name: "storm frame.png",
        category: "storyboard",
      },
      bytes,
      { "content-type": "text/html" },
    );
    assert.equal(res.status, 201);
    const asset: Asset = res.body;
    assert.equal(asset.mime, "image/png");
    assert.equal(asset.category, "storyboard");
    assert.equal(asset.size, bytes.length);
    assert.equal(asset.chunks, Math.ceil(bytes.length / CHUNK_BYTES));
    assert.equal(asset.sha256, await sha256(bytes));
    const got = await api(app, s.distribution).request(
      "GET",
      `/api/assets/${asset.id}/content`,
    );
    assert.equal(got.status, 200);
    assert.equal(got.headers.get("content-type"), "image/png");
    assert.equal(got.headers.get("content-length"), String(bytes.length));
    assert.equal(
      got.headers.get("content-disposition"),
      `attachment; filename="storm frame.png"; filename*=UTF-8''storm%20frame.png`,
    );
    assert.equal(got.headers.get("x-content-type-options"), "nosniff");
    // The app's API middleware normalises this to "no-store"; either way
    // nothing is cached.
    assert.match(got.headers.get("cache-control")!, /no-store/);
    const body = new Uint8Array(await got.arrayBuffer());
    assert.deepEqual(body, bytes);
    assert.equal(await sha256(body), asset.sha256);

    // Text is served as UTF-8 text.
    const script = new TextEncoder().encode(
      "INT. CAFÉ – NIGHT\n\nMARA\nÇa va?\n",
    );
    const text = await upload(
      app,
      s.director,
      { name: "sc 3.fountain" },
      script,
    );
    assert.equal(text.body.category, "script");
    const served = await api(app, s.vfx).request(
      "GET",
      `/api/assets/${text.body.id}/content`,
    );
    assert.equal(
      served.headers.get("content-type"),
      "text/plain; charset=utf-8",
    );
    assert.equal(await served.text(), new TextDecoder().decode(script));
  }));

Deno.test("assets api - a streamed 5 MiB upload is stored in 60 KiB chunks", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const size = 5 * 1024 * 1024;
    const res = await upload(
      app,
      s.vfx,
      { name: "plate.txt", category: "footage" },
      lazyText(size),
      { "content-length": String(size) },
    );
    assert.equal(res.status, 201);
    assert.equal(res.body.size, size);
    assert.equal(res.body.chunks, 86); // ceil(5 MiB / 60 KiB)
    assert.equal(
      await countKeys(app, ["asset_chunks", res.body.id]),
      Math.ceil(size / CHUNK_BYTES),
    );
    const expected = new Uint8Array(
      await new Response(lazyText(size)).arrayBuffer(),
    );
    const got = await api(app, s.crew).request(
      "GET",
      `/api/assets/${res.body.id}/content`,
    );
    assert.equal(got.headers.get("content-length"), String(size));
    const body = new Uint8Array(await got.arrayBuffer());
    assert.equal(body.length, size);
    assert.deepEqual(body, expected);
    assert.equal(res.body.sha256, await sha256(expected));
  }));

Deno.test("assets api - over the limit is 413, with or without a truthful Content-Length", () =>
  withLimit(64 * 1024, async (app) => {
    const s = await sessions(app);
    const head = await latestEventId(app.services.kv);
    // Declared too large: refused before a byte is read.
    let pulled = false;
    const untouched = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled = true;
        controller.close();
      },
    }, { highWaterMark: 0 });
    const declared = await upload(app, s.crew, { name: "a.txt" }, untouched, {
      "content-length": String(64 * 1024 + 1),
    });
    assert.equal(declared.status, 413);
    assert.equal(declared.body.error.code, "payload_too_large");
    assert.equal(pulled, false, "the body was not read");
    // No Content-Length, or one that lies: counted as the bytes arrive.
    const lengths: Record<string, string>[] = [{}, { "content-length": "100" }];
    for (const headers of lengths) {
      const res = await upload(
        app,
        s.crew,
        { name: "a.txt" },
        lazyText(200 * 1024),
        headers,
      );
      assert.equal(res.status, 413, JSON.stringify(headers));
      assert.equal(res.body.error.code, "payload_too_large");
      assert.equal(res.body.error.details.maxBytes, 64 * 1024);
    }
    await assertNoChunks(app);
    assert.equal(await latestEventId(app.services.kv), head, "no events");
    // At the limit is fine.
    const ok = await upload(
      app,
      s.crew,
      { name: "a.txt" },
      lazyText(64 * 1024),
    );
    assert.equal(ok.status, 201);
  }));

Deno.test("assets api - refused types are 415 and leave nothing behind", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const elf = new Uint8Array(150_000);
    elf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
    const zip = new Uint8Array(150_000);
    zip.set([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]);
    // Text up front, binary later: caught after chunks were written.
    const sneaky = new Uint8Array(300_000).fill(0x41);
    sneaky[250_000] = 0;
    for (
      const [label, bytes, type] of [
        ["ELF", elf, "application/pdf"],
        ["ZIP / docx", zip, "application/octet-stream"],
        ["text with a binary tail", sneaky, "text/plain"],
      ] as const
    ) {
      const res = await upload(app, s.producer, { name: "file.pdf" }, bytes, {
        "content-type": type,
      });
      assert.equal(res.status, 415, label);
      assert.equal(res.body.error.code, "unsupported_media_type");
    }
    // A form upload is not the raw file.
    const form = new FormData();
    form.append("file", new Blob([tinyPdf()]), "a.pdf");
    const multipart = await app.fetch("/api/assets?name=a.pdf", {
      method: "POST",
      headers: { authorization: `Bearer ${s.producer.token}` },
      body: form,
    });
    assert.equal(multipart.status, 415);
    await multipart.body?.cancel();
    await assertNoChunks(app);
    assert.equal(await countKeys(app, ["assets"]), 0);
  }));

Deno.test("assets api - an interrupted upload leaves no asset, no chunks, no event", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const head = await latestEventId(app.services.kv);
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 300_000) {
          return controller.error(new Error("connection reset by peer"));
        }
        controller.enqueue(new Uint8Array(50_000).fill(0x62));
        sent += 50_000;
      },
    });
    const res = await upload(app, s.crew, { name: "rushes.txt" }, failing, {
      "content-length": String(1_000_000),
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, "upload_interrupted");
    assert.ok(sent >= 300_000, "chunks were written before the failure");
    await assertNoChunks(app);
    assert.deepEqual((await api(app, s.crew).get("/api/assets")).body, []);
    assert.equal(await latestEventId(app.services.kv), head);
  }));

Deno.test("assets api - names are sanitised; the query is validated", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const text = new TextEncoder().encode("root:x:0:0\n");
    const cases: [string, string, string][] = [
      [
        "../../etc/passwd",
        "passwd",
        `attachment; filename="passwd"; filename*=UTF-8''passwd`,
      ],
      [
        "notes\r\nSet-Cookie: session=evil.txt",
        "notes Set-Cookie_ session=evil.txt",
        `attachment; filename="notes Set-Cookie_ session=evil.txt"; ` +
        `filename*=UTF-8''notes%20Set-Cookie_%20session%3Devil.txt`,
      ],
      [
        'call "sheet"; filename=x.html',
        "call _sheet_; filename=x.html",
        `attachment; filename="call _sheet_; filename=x.html"; ` +
        `filename*=UTF-8''call%20_sheet_%3B%20filename%3Dx.html`,
      ],
      [
        "Drehplan – Woche 1.txt",
        "Drehplan – Woche 1.txt",
        `attachment; filename="Drehplan _ Woche 1.txt"; ` +
        `filename*=UTF-8''Drehplan%20%E2%80%93%20Woche%201.txt`,
      ],
    ];
    for (const [raw, stored, disposition] of cases) {
      const res = await upload(app, s.crew, { name: raw }, text);
      assert.equal(res.status, 201, raw);
      assert.equal(res.body.name, stored);
      const got = await api(app, s.crew).request(
        "GET",
        `/api/assets/${res.body.id}/content`,
      );
      await got.body?.cancel();
      assert.equal(got.headers.get("content-disposition"), disposition);
      assert.equal(got.headers.get("set-cookie"), null);
    }
    const invalid: Record<string, string>[] = [
      {},
      { name: "" },
      { name: "../" },
      { name: "a.txt", category: "bloopers" },
      { name: "a.txt", extra: "1" },
      { name: "x".repeat(1025) },
    ];
    for (const query of invalid) {
      const res = await upload(app, s.crew, query, text);
      assert.equal(res.status, 400, JSON.stringify(query).slice(0, 60));
      assert.equal(res.body.error.code, "validation");
    }
    const empty = await upload(app, s.crew, { name: "a.txt" }, null);
    assert.equal(empty.status, 400);
    const badLength = await upload(app, s.crew, { name: "a.txt" }, text, {
      "content-length": "lots",
    });
    assert.equal(badLength.status, 400);
    const badFilter = await api(app, s.crew).get("/api/assets?category=x");
    assert.equal(badFilter.status, 400);
  }));

Deno.test("assets api - list filters by category and uploader, newest first", () => {
  // Newest first is by upload time: the services' clock moves a minute
  // between the uploads.
  let minute = 0;
  const now = () => new Date(Date.UTC(2027, 1, 1, 14, minute));
  return withApp(
    async (app) => {
      const s = await sessions(app);
      const a = (await upload(app, s.crew, { name: "a.png" }, tinyPng())).body;
      minute++;
      const b = (await upload(app, s.vfx, { name: "b.pdf" }, tinyPdf())).body;
      minute++;
      const c = (await upload(app, s.crew, {
        name: "c.png",
        category: "storyboard",
      }, tinyPng())).body;
      const ids = async (query: string) =>
        (await api(app, s.director).get(`/api/assets${query}`)).body.map((
          x: Asset,
        ) => x.id);
      assert.deepEqual(await ids(""), [c.id, b.id, a.id]);
      assert.deepEqual(await ids(`?uploader=${s.crew.id}`), [c.id, a.id]);
      assert.deepEqual(await ids("?category=still"), [a.id]);
      assert.deepEqual(
        await ids(`?category=document&uploader=${s.vfx.id}`),
        [b.id],
      );
    },
    {},
    { now },
  );
});

Deno.test("assets api - one asset_update per upload and delete, to everyone", () =>
  withApp(async (app) => {
    const s = await sessions(app);
    const before = await latestEventId(app.services.kv);
    const up = await upload(app, s.crew, { name: "x.pdf" }, tinyPdf());
    const mid = await latestEventId(app.services.kv);
    assert.equal(
      (await api(app, s.producer).del(`/api/assets/${up.body.id}`)).status,
      204,
    );
    const events = await loggedEvents(app, before);
    assert.deepEqual(events.map((e) => e.type), [
      "asset_update",
      "asset_update",
    ]);
    for (const event of events) {
      assert.deepEqual([...event.audience.roles].sort(), [...ROLES].sort());
      assert.deepEqual(event.audience.users, []);
    }
    assert.ok(events[0].id <= mid && events[1].id > mid);
    // Every role sees both through the replay API, with the asset inside.
    for (const demo of DEMO_USERS) {
      const replay = await api(app, s[demo.username]).get(
        `/api/events?after=${before}`,
      );
      assert.deepEqual(
        replay.body.events.map((
          e: { data: { action: string; asset: Asset } },
        ) => [e.data.action, e.data.asset.id]),
        [["uploaded", up.body.id], ["deleted", up.body.id]],
        demo.username,
      );
    }
    // A refused delete or upload emits nothing.
    const after = await latestEventId(app.services.kv);
    const kept = await upload(app, s.crew, { name: "y.pdf" }, tinyPdf());
    await api(app, s.director).del(`/api/assets/${kept.body.id}`);
    await upload(app, s.crew, { name: "z" }, new Uint8Array([0x7f, 0x45]));
    const tail = await readEventsAfter(app.services.kv, after);
    assert.ok(!tail.resync && tail.events.length === 1);
  }));

Deno.test("assets api - a client that hangs up mid-upload over real HTTP leaves nothing", async () => {
  const app = await createTestApp();
  const server = serveApp(app);
  try {
    const s = await sessions(app);
    const conn = await Deno.connect({
      hostname: "127.0.0.1",
      port: server.port,
    });
    // Straight to the production's path: a raw client follows no redirect.
    const path = demoPath("/api/assets?name=cut.txt");
    const head = `POST ${path} HTTP/1.1\r\n` +
      `host: 127.0.0.1\r\nauthorization: Bearer ${s.crew.token}\r\n` +
      `content-type: application/octet-stream\r\n` +
      `content-length: 10000000\r\n\r\n`;
    await conn.write(new TextEncoder().encode(head));
    const piece = new Uint8Array(64 * 1024).fill(0x63);
    for (let i = 0; i < 8; i++) await conn.write(piece);
    // Chunks arrive in the store while the upload runs…
    await eventually(() => countKeys(app, ["asset_chunks"]), (n) => n >= 4, {
      timeoutMs: 2_000,
      what: "the first chunks in the store",
    });
    assert.ok(await countKeys(app, ["asset_chunks"]) >= 4, "upload started");
    conn.close(); // …then the client hangs up.
    const left = await eventually(
      async () =>
        await countKeys(app, ["asset_chunks"]) +
        await countKeys(app, ["asset_uploads"]),
      (n) => n === 0,
      { timeoutMs: 3_000, what: "the chunks and the mark to go" },
    );
    assert.equal(left, 0, "chunks and mark removed");
    assert.equal(await countKeys(app, ["assets"]), 0);
  } finally {
    await server.close();
  }
});
