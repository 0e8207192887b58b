/**
 * The pointer check of a TEI export (edition/tei/pointers.ts), as the export dialog
 * reports it: how many `#id` pointers the file holds, and each one that names an id
 * the file does not have.
 */
import { For, Show } from 'solid-js';
import type { PointerReport } from '../../edition/api.ts';

/** How many dangling pointers are listed before the rest are counted. */
const LISTED = 20;

export default function PointerCheck(props: { report: PointerReport }) {
  const dangling = () => props.report.dangling.length;
  return (
    <section class="export-report pointer-check" aria-label="Pointer check" classList={{ ok: dangling() === 0 }}>
      <p class="export-summary">
        <strong>{dangling() === 0 ? 'TEI downloaded.' : 'TEI downloaded, with pointers that lead nowhere.'}</strong>{' '}
        {props.report.checked} pointer{props.report.checked === 1 ? '' : 's'} checked
        {dangling() === 0 ? ', all resolve.' : `, ${dangling()} name ids the file does not have:`}
      </p>
      <Show when={dangling() > 0}>
        <ul class="pointer-list">
          <For each={props.report.dangling.slice(0, LISTED)}>
            {(d) => (
              <li>
                <code>
                  &lt;{d.element} {d.attribute}="#{d.id}"&gt;
                </code>
              </li>
            )}
          </For>
          <Show when={dangling() > LISTED}>
            <li>and {dangling() - LISTED} more</li>
          </Show>
        </ul>
      </Show>
    </section>
  );
}
