/**
 * The longest subsequence whose keys increase (patience sorting, O(n log n)). Used to keep
 * the anchors that agree in order, and the links that cannot close a cycle.
 */
export function longestIncreasing<T>(items: readonly T[], key: (item: T) => number, strict: boolean): T[] {
  const tails: number[] = []; // for each chain length, the index of the item ending the best chain
  const back = new Int32Array(items.length).fill(-1);
  items.forEach((item, i) => {
    const k = key(item);
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const tail = key(items[tails[mid]!]!);
      if (strict ? tail < k : tail <= k) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) back[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const chain: T[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = back[i]!) chain.push(items[i]!);
  return chain.reverse();
}
