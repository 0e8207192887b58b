/** An export's (or a preview's) progress: a bar, the phase, and "(done of total)". */
import { PHASE_LABELS, type ExportProgress } from './exportRun.ts';

export default function ProgressLine(props: { progress: ExportProgress; label: string }) {
  const share = () => (props.progress.total === 0 ? 0 : Math.min(1, props.progress.done / props.progress.total));
  return (
    <div class="export-progress">
      <progress max={1} value={share()} aria-label={props.label} />
      <span class="hint">
        {PHASE_LABELS[props.progress.phase]}
        {props.progress.total > 1 ? ` (${props.progress.done} of ${props.progress.total})` : ''}
      </span>
    </div>
  );
}
