/**
 * The page image beside the text: OpenSeadragon over the open document's surfaces
 * (tiles through the API), its zones drawn by a ZoneLayer, and the bar that zooms,
 * rotates, fits, brightens, inverts, draws zones, links them to the text, switches
 * line mode and adds images. The page follows the caret (the store hears every caret
 * move); choosing a page puts the caret at its page break.
 */
import OpenSeadragon from 'openseadragon';
import { createEffect, createSignal, For, on, onCleanup, onMount, Show, untrack } from 'solid-js';
import { formatKey } from '../editor/actions.ts';
import { useStores } from '../stores/context.ts';
import { useFacsimile } from './context.ts';
import { textKeys, viewerKeys, type ViewerCommand } from './keys.ts';
import { pageTileSource } from './tileSource.ts';
import { ZoneLayer, type ZoneTool } from './ZoneLayer.ts';

const IMAGE_TYPES = 'image/tiff,image/jpeg,image/png,image/webp,.tif,.tiff,.jpg,.jpeg,.png,.webp';

/** A key of the tables as a title shows it. */
function keyOf(table: ReadonlyArray<{ id: string; keys: readonly string[] }>, id: string): string {
  const key = table.find((k) => k.id === id)?.keys[0];
  return key ? ` (${formatKey(key)})` : '';
}

function hasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export default function FacsimilePanel() {
  const [project] = useStores().project;
  const [state, facs] = useFacsimile();
  const [rotation, setRotation] = createSignal(0);
  const [brightness, setBrightness] = createSignal(100);
  const [contrast, setContrast] = createSignal(100);
  const [inverted, setInverted] = createSignal(false);
  const [tilesDrawn, setTilesDrawn] = createSignal(0);
  let host!: HTMLDivElement;
  let picker!: HTMLInputElement;
  let viewer: OpenSeadragon.Viewer | null = null;
  let layer: ZoneLayer | null = null;
  /** The image the viewer has open. */
  let openImage: string | null = null;

  onMount(() => {
    const v = OpenSeadragon({
      element: host,
      drawer: 'canvas',
      showNavigationControl: false,
      keyboardNavEnabled: false,
      gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: false },
      visibilityRatio: 0.2,
      animationTime: 0.4,
      // Tiles come as data: URLs made from the API's answer; nothing is fetched.
      loadTilesWithAjax: false,
      // A page just added has its small levels first; a tile not made yet is asked for again.
      tileRetryMax: 30,
      tileRetryDelay: 300,
    });
    viewer = v;
    // Performance marks for the viewer's benchmark (tests/bench/facsimile-viewer.bench.ts): opened, first tile, all tiles.
    v.addHandler('tile-drawn', () => {
      if (untrack(tilesDrawn) === 0) performance.mark('siglum:facsimile-first-tile');
      setTilesDrawn((n) => n + 1);
    });
    v.addHandler('open', () => {
      v.viewport.setRotation(untrack(rotation), true);
      v.viewport.fitHorizontally(true);
      host.dataset['imageOpen'] = openImage ?? '';
      v.world.getItemAt(0)?.addHandler('fully-loaded-change', (e) => {
        if (e.fullyLoaded) performance.mark('siglum:facsimile-loaded');
      });
    });
    layer = new ZoneLayer(v, {
      create: (zone) => void facs.saveZone(zone),
      change: (zone) => void facs.saveZone(zone),
      select: (zoneId) => facs.selectZone(zoneId, true),
    });
    onCleanup(() => {
      layer?.destroy();
      v.destroy();
      viewer = null;
      layer = null;
    });
  });

  // The page shown: its image opened (once per image), its zones drawn.
  createEffect(() => {
    const surface = facs.surface();
    const image = surface?.image ?? null;
    if (!viewer || !layer) return;
    if ((image?.id ?? null) !== openImage) {
      openImage = image?.id ?? null;
      delete host.dataset['imageOpen'];
      setTilesDrawn(0);
      if (image) {
        performance.mark('siglum:facsimile-open');
        viewer.open({ tileSource: pageTileSource(image, facs.fetchTile) });
      } else viewer.close();
    }
    layer.setSurface(surface ? { ...surface, zones: [...surface.zones] } : null);
  });

  // The caret's zone: highlighted, and brought into view when it is off screen.
  createEffect(
    on(
      () => state.highlighted,
      (zoneId) => {
        layer?.setHighlighted(zoneId);
        const zone = facs.surface()?.zones.find((z) => z.id === zoneId);
        const item = viewer?.world.getItemAt(0);
        if (!zone || !item || !viewer) return;
        const rect = item.imageToViewportRectangle(zone.ulx, zone.uly, zone.lrx - zone.ulx, zone.lry - zone.uly);
        const bounds = viewer.viewport.getBounds(true);
        const inside =
          rect.x >= bounds.x &&
          rect.y >= bounds.y &&
          rect.x + rect.width <= bounds.x + bounds.width &&
          rect.y + rect.height <= bounds.y + bounds.height;
        if (!inside) viewer.viewport.panTo(rect.getCenter());
      },
    ),
  );
  createEffect(() => layer?.setSelected(state.selected));
  createEffect(() => layer?.setTool(state.tool));
  createEffect(() => {
    const filter = `brightness(${brightness()}%) contrast(${contrast()}%)${inverted() ? ' invert(1)' : ''}`;
    const canvas = host.querySelector<HTMLCanvasElement>('.openseadragon-canvas > canvas');
    if (canvas) canvas.style.filter = filter;
  });

  const rotate = (by: number) => {
    const next = (((rotation() + by) % 360) + 360) % 360;
    setRotation(next);
    viewer?.viewport.setRotation(next);
  };
  const page = (delta: number) => facs.showPage(state.page + delta, true);
  const pan = (dx: number, dy: number) => {
    if (!viewer) return;
    const b = viewer.viewport.getBounds();
    viewer.viewport.panBy(new OpenSeadragon.Point(dx * b.width * 0.1, dy * b.height * 0.1));
  };
  /** Selects the zone after (+1) or before (-1) the selected one in reading order, so zones are reachable without a mouse. */
  const stepZone = (direction: 1 | -1) => {
    const zones = facs.surface()?.zones ?? [];
    if (zones.length === 0) return;
    const at = zones.findIndex((z) => z.id === state.selected);
    const next = at < 0 ? (direction > 0 ? 0 : zones.length - 1) : (at + direction + zones.length) % zones.length;
    facs.selectZone(zones[next]!.id, false);
  };
  const commands: Record<ViewerCommand, () => void> = {
    zoomIn: () => viewer?.viewport.zoomBy(1.25),
    zoomOut: () => viewer?.viewport.zoomBy(0.8),
    fitWidth: () => viewer?.viewport.fitHorizontally(),
    home: () => viewer?.viewport.goHome(),
    rotateRight: () => rotate(90),
    rotateLeft: () => rotate(-90),
    invert: () => setInverted(!inverted()),
    panLeft: () => pan(-1, 0),
    panRight: () => pan(1, 0),
    panUp: () => pan(0, -1),
    panDown: () => pan(0, 1),
    previousPage: () => page(-1),
    nextPage: () => page(1),
    nextZone: () => stepZone(1),
    previousZone: () => stepZone(-1),
    deleteZone: () => void facs.deleteSelected(),
    finishPolygon: () => layer?.finishPolygon(),
    cancel: () => facs.setTool('pan'),
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const name = e.shiftKey && e.key.length > 1 ? `Shift-${e.key}` : e.key;
    const key = viewerKeys.find((k) => k.keys.includes(name));
    if (!key) return;
    e.preventDefault();
    e.stopPropagation();
    commands[key.id]();
  };

  const toolButton = (tool: ZoneTool, label: string, title: string) => (
    <button
      type="button"
      class="tool tool-text"
      classList={{ active: state.tool === tool }}
      aria-pressed={state.tool === tool}
      title={title}
      onClick={() => facs.setTool(tool)}
    >
      {label}
    </button>
  );

  return (
    <section
      class="facsimile-panel"
      aria-label="Page image"
      onDragEnter={(e) => {
        if (hasFiles(e)) e.stopPropagation();
      }}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.stopPropagation();
      }}
      onDrop={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.stopPropagation();
        void facs.addImages([...(e.dataTransfer?.files ?? [])]);
      }}
    >
      <div
        class="facsimile-bar"
        role="toolbar"
        aria-label="Page image"
        onMouseDown={(e) => {
          // Buttons keep the text's selection (linking needs it); the sliders and the page list take the pointer.
          if ((e.target as Element).closest('button')) e.preventDefault();
        }}
      >
        <div class="tool-group">
          <button
            type="button"
            class="tool"
            title={`Previous page${keyOf(viewerKeys, 'previousPage')}`}
            disabled={state.page <= 0}
            onClick={() => page(-1)}
          >
            ‹
          </button>
          <select
            class="facsimile-page"
            aria-label="Page"
            value={String(state.page)}
            disabled={state.surfaces.length === 0}
            onChange={(e) => facs.showPage(Number(e.currentTarget.value), true)}
          >
            <For each={state.surfaces}>
              {(s, i) => <option value={String(i())}>{`Page ${s.n ?? i() + 1} of ${state.surfaces.length}`}</option>}
            </For>
          </select>
          <button
            type="button"
            class="tool"
            title={`Next page${keyOf(viewerKeys, 'nextPage')}`}
            disabled={state.page >= state.surfaces.length - 1}
            onClick={() => page(1)}
          >
            ›
          </button>
        </div>
        <div class="tool-group">
          <button
            type="button"
            class="tool"
            title={`Zoom out${keyOf(viewerKeys, 'zoomOut')}`}
            onClick={commands.zoomOut}
          >
            −
          </button>
          <button type="button" class="tool" title={`Zoom in${keyOf(viewerKeys, 'zoomIn')}`} onClick={commands.zoomIn}>
            +
          </button>
          <button
            type="button"
            class="tool tool-text"
            title={`Fit the page’s width${keyOf(viewerKeys, 'fitWidth')}`}
            onClick={commands.fitWidth}
          >
            Fit width
          </button>
          <button
            type="button"
            class="tool"
            title={`Rotate left${keyOf(viewerKeys, 'rotateLeft')}`}
            onClick={commands.rotateLeft}
          >
            ⟲
          </button>
          <button
            type="button"
            class="tool"
            title={`Rotate right${keyOf(viewerKeys, 'rotateRight')}`}
            onClick={commands.rotateRight}
          >
            ⟳
          </button>
        </div>
        <div class="tool-group facsimile-filters">
          <label title="Brightness">
            ☀
            <input
              type="range"
              min="50"
              max="200"
              step="5"
              value={brightness()}
              aria-label="Brightness"
              onInput={(e) => setBrightness(Number(e.currentTarget.value))}
            />
          </label>
          <label title="Contrast">
            ◐
            <input
              type="range"
              min="50"
              max="300"
              step="5"
              value={contrast()}
              aria-label="Contrast"
              onInput={(e) => setContrast(Number(e.currentTarget.value))}
            />
          </label>
          <button
            type="button"
            class="tool tool-text"
            classList={{ active: inverted() }}
            aria-pressed={inverted()}
            title={`Invert the image, for faded ink${keyOf(viewerKeys, 'invert')}`}
            onClick={commands.invert}
          >
            Invert
          </button>
        </div>
        <div class="tool-group" role="group" aria-label="Zones">
          {toolButton(
            'pan',
            'Move',
            'Pan the image; click a zone to select it and go to its text, drag it or its corners',
          )}
          {toolButton('rect', 'Rectangle', 'Draw a rectangular zone')}
          {toolButton('polygon', 'Polygon', `Draw a polygon: click each corner, double-click or Enter to close it`)}
          <button
            type="button"
            class="tool tool-text"
            disabled={state.selected === null}
            title={`Delete the selected zone${keyOf(viewerKeys, 'deleteZone')}`}
            onClick={commands.deleteZone}
          >
            Delete zone
          </button>
        </div>
        <div class="tool-group" role="group" aria-label="Link the selected zone">
          <button
            type="button"
            class="tool tool-text"
            disabled={state.selected === null}
            title={`Link the selected text to the selected zone${keyOf(textKeys, 'linkSelection')}`}
            onClick={() => facs.linkSelection()}
          >
            Link selection
          </button>
          <button
            type="button"
            class="tool tool-text"
            disabled={state.selected === null}
            title="Link the caret’s line (its line break) to the selected zone"
            onClick={() => facs.linkLine()}
          >
            Link line
          </button>
          <button
            type="button"
            class="tool tool-text"
            disabled={state.surfaces.length === 0}
            title="Link the page break before the caret to this page"
            onClick={() => facs.linkPage()}
          >
            Link page
          </button>
        </div>
        <div class="tool-group">
          <button
            type="button"
            class="tool tool-text"
            classList={{ active: state.lineMode }}
            aria-pressed={state.lineMode}
            title={`Line by line: the caret’s line zone is highlighted, Enter at a line’s end starts the next line on the next zone${keyOf(textKeys, 'lineMode')}`}
            onClick={() => facs.toggleLineMode()}
          >
            Line mode
          </button>
          <button
            type="button"
            class="tool tool-text"
            disabled={project.currentId === null || state.adding}
            title="Add page images (TIFF, JPEG, PNG, WebP) to this document, or drop them here"
            onClick={() => picker.click()}
          >
            {state.adding ? 'Adding…' : 'Add images…'}
          </button>
          <input
            ref={picker}
            type="file"
            multiple
            accept={IMAGE_TYPES}
            hidden
            data-testid="facsimile-input"
            onChange={(e) => {
              const files = [...(e.currentTarget.files ?? [])];
              e.currentTarget.value = '';
              void facs.addImages(files);
            }}
          />
        </div>
      </div>
      <div
        class="facsimile-viewer"
        ref={host}
        tabIndex={0}
        role="img"
        aria-label="The page image: arrows pan, + and − zoom, R rotates, W fits the width"
        data-tiles-drawn={tilesDrawn()}
        onKeyDown={onKeyDown}
      />
      <Show when={state.surfaces.length === 0 || !facs.surface()?.image}>
        <p class="facsimile-empty">
          {state.surfaces.length === 0
            ? 'This document has no page images. Add some with “Add images…” or drop them here.'
            : 'This page has no image: add one with “Add images…”.'}
        </p>
      </Show>
    </section>
  );
}
