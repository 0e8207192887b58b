/**
 * The handle at the left edge of a panel column: drag it, or focus it and use the
 * arrow keys (16 px a press, Shift for 64), Home and End (narrowest and widest).
 * A `separator` in ARIA terms, with the width as its value.
 */
export default function ResizeHandle(props: {
  label: string;
  width: number;
  min: number;
  max: number;
  left: number;
  onResize: (width: number) => void;
}) {
  let start: { x: number; width: number } | null = null;
  return (
    <div
      class="resize-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={props.width}
      aria-valuemin={props.min}
      aria-valuemax={Math.max(props.min, props.max)}
      tabIndex={0}
      style={{ left: `${props.left}px` }}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        start = { x: e.clientX, width: props.width };
      }}
      onPointerMove={(e) => {
        // The handle is at the panel's left edge: moving left widens it.
        if (start) props.onResize(start.width + (start.x - e.clientX));
      }}
      onPointerUp={() => (start = null)}
      onPointerCancel={() => (start = null)}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 64 : 16;
        let width: number;
        if (e.key === 'ArrowLeft') width = props.width + step;
        else if (e.key === 'ArrowRight') width = props.width - step;
        else if (e.key === 'Home') width = props.min;
        else if (e.key === 'End') width = props.max;
        else return;
        e.preventDefault();
        props.onResize(width);
      }}
    />
  );
}
