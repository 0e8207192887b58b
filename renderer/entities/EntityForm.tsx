/**
 * Editing one register entry: preferred name (a rename keeps its xml:id),
 * alternative names one per line, dates, coordinates for places, description,
 * and authority identifiers, all typed or pasted offline. The Node side checks
 * the entry (edition/entities `validateEntity`); its sentence shows under the form.
 */
import { For, Show, createSignal, untrack } from 'solid-js';
import type { EntityInfo, EntityInput } from '../../edition/api.ts';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';

const AUTHORITIES = [
  ['viaf', 'VIAF'],
  ['wikidata', 'Wikidata'],
  ['geonames', 'GeoNames'],
  ['lcnaf', 'Library of Congress'],
  ['uri', 'Other URI'],
] as const;

type Fields = Record<string, string>;

function fieldsOf(e: EntityInfo): Fields {
  return {
    name: e.name,
    altNames: e.altNames.join('\n'),
    birth: e.dates.birth ?? '',
    death: e.dates.death ?? '',
    floruit: e.dates.floruit ?? '',
    lat: e.coordinates ? String(e.coordinates.lat) : '',
    long: e.coordinates ? String(e.coordinates.long) : '',
    description: e.description,
    ...Object.fromEntries(AUTHORITIES.map(([key]) => [key, e.authority[key] ?? ''])),
  };
}

function inputOf(e: EntityInfo, f: Fields): EntityInput {
  const v = (k: string) => (f[k] ?? '').trim();
  const num = (k: string) => (v(k) === '' ? NaN : Number(v(k)));
  return {
    type: e.type,
    name: v('name'),
    altNames: (f['altNames'] ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    dates: { birth: v('birth'), death: v('death'), floruit: v('floruit') },
    coordinates: v('lat') === '' && v('long') === '' ? null : { lat: num('lat'), long: num('long') },
    description: v('description'),
    authority: Object.fromEntries(AUTHORITIES.map(([key]) => [key, v(key)])),
  };
}

export default function EntityForm(props: { entity: EntityInfo }) {
  const { client } = useStores();
  // The form starts from the entry as shown; the parent remounts it for another entry.
  const [fields, setFields] = createSignal<Fields>(untrack(() => fieldsOf(props.entity)));
  const [error, setError] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);
  const type = () => props.entity.type;
  // Open at first when the entry has identifiers; after that the editor decides.
  const authorityOpen = untrack(() => AUTHORITIES.some(([key]) => (fields()[key] ?? '') !== ''));

  const field = (key: string, label: string, placeholder = '') => (
    <label class="field compact">
      <span class="field-label">{label}</span>
      <input
        value={fields()[key] ?? ''}
        placeholder={placeholder}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setFields((f) => ({ ...f, [key]: value }));
          setSaved(false);
        }}
      />
    </label>
  );

  const area = (key: string, label: string) => (
    <label class="field compact">
      <span class="field-label">{label}</span>
      <textarea
        rows={3}
        value={fields()[key] ?? ''}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setFields((f) => ({ ...f, [key]: value }));
          setSaved(false);
        }}
      />
    </label>
  );

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    try {
      // The form shows the entry as stored: identifiers pasted as web addresses come back bare.
      const stored = await client.updateEntity({ id: props.entity.id, entity: inputOf(props.entity, fields()) });
      setFields(fieldsOf(stored));
      setSaved(true);
    } catch (e) {
      setError(sentenceOf(e));
    }
  };

  return (
    <form class="entity-form" onSubmit={(e) => void save(e)} aria-label="Register entry">
      {field('name', 'Preferred name')}
      {area('altNames', 'Alternative names, one per line')}
      <Show when={type() === 'person'}>
        <div class="field-row">
          {field('birth', 'Born', 'YYYY-MM-DD')}
          {field('death', 'Died', 'YYYY-MM-DD')}
        </div>
      </Show>
      <Show when={type() === 'person' || type() === 'place' || type() === 'org'}>
        {field('floruit', 'Floruit', 'YYYY or YYYY/YYYY')}
      </Show>
      <Show when={type() === 'place'}>
        <div class="field-row">
          {field('lat', 'Latitude', '35.68')}
          {field('long', 'Longitude', '139.69')}
        </div>
      </Show>
      {area('description', 'Description')}
      <details class="authority" open={authorityOpen}>
        <summary>Authority identifiers</summary>
        <For each={AUTHORITIES}>{([key, label]) => field(key, label)}</For>
      </details>
      <Show when={error()}>
        <p class="form-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="form-buttons">
        <span class="form-saved">{saved() ? 'Saved' : ''}</span>
        <button type="submit" class="button primary">
          Save entry
        </button>
      </div>
    </form>
  );
}
