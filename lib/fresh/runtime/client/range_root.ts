/**
 * Lets Preact render into the nodes between two comment markers as if they
 * were the children of an element, so islands need no wrapper element.
 * Preact reuses the server-rendered nodes in the range, inserts new ones
 * before the end marker and removes what it no longer needs.
 */
export function rangeRoot(start: Comment, end: Comment): Element {
  const parent = start.parentNode!;
  const between = (): ChildNode[] => {
    const nodes: ChildNode[] = [];
    for (
      let n = start.nextSibling;
      n !== null && n !== end;
      n = n.nextSibling
    ) {
      nodes.push(n);
    }
    return nodes;
  };
  const root = {
    nodeType: 1,
    parentNode: parent,
    namespaceURI: (parent as Element).namespaceURI,
    get firstChild() {
      const first = start.nextSibling;
      return first === end ? null : first;
    },
    get childNodes() {
      return between();
    },
    insertBefore(node: Node, before: Node | null) {
      return parent.insertBefore(node, before ?? end);
    },
    appendChild(node: Node) {
      return parent.insertBefore(node, end);
    },
    removeChild(node: Node) {
      return parent.removeChild(node);
    },
    contains(node: Node | null) {
      return node !== null &&
        between().some((n) => n === node || n.contains(node));
    },
  };
  return root as unknown as Element;
}
