/**
 * A JSON report written item by item: the report without its long array is serialized once (the
 * skeleton, pretty-printed), and each item on its own, indented to its depth, where the skeleton
 * holds a mark. The same text as JSON.stringify of the whole, without the whole text or a tree of
 * every item held at once (200,000 findings: about 250 MB of text).
 */

/** Stands for the one item of the array that `items` replace; put `[ITEMS_MARK]` where they go. */
export const ITEMS_MARK = '\u0000items\u0000';

/** The skeleton's text around the items, and each item's text, in order (`skeleton`: JSON.stringify(…, null, 2)). */
export function* itemsInSkeleton<T>(skeleton: string, items: Iterable<T>, itemText: (item: T) => unknown): Generator<string> {
  const quoted = JSON.stringify(ITEMS_MARK);
  const mark = skeleton.indexOf(quoted);
  // nested in the report, an item's text is its own text with every line indented to its depth
  const indent = '\n' + skeleton.slice(skeleton.lastIndexOf('\n', mark) + 1, mark);
  yield skeleton.slice(0, mark);
  let first = true;
  for (const item of items) {
    const text = JSON.stringify(itemText(item), null, 2).replace(/\n/g, indent);
    yield first ? text : `,${indent}${text}`;
    first = false;
  }
  yield skeleton.slice(mark + quoted.length);
}
