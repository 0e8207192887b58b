/** Mentions or suggestions grouped by document, documents in the order first met. */
export function groupByDocument<T extends { documentId: string }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(item.documentId);
    if (group) group.push(item);
    else groups.set(item.documentId, [item]);
  }
  return [...groups.values()];
}
