/** Attributes of the document's elements, as the attribute panel shows and checks them. */
export * from './model.ts';
export * from './check.ts';
