import { useIsScreenReaderEnabled } from 'ink';
import { Lines, line } from '../layout/line.js';
import { keyHintRows, type KeyHint } from '../widgets/key-hints.js';
import { useDraftEditor, type DraftEditorProps } from './use-draft-editor.js';

/** The editor's keys for a footer; Ctrl-O only when an editor can be opened, Ctrl-R only for a screen reader. */
export function draftEditorHints(p: { canEditExternally: boolean; plain: boolean }): KeyHint[] {
  return [
    { keys: 'Esc', does: 'done writing' },
    ...(p.canEditExternally ? [{ keys: 'Ctrl-O', does: 'own editor' }] : []),
    ...(p.plain ? [{ keys: 'Ctrl-R', does: 'read it back' }] : []),
    { keys: 'Enter', does: 'new line' },
  ];
}

/** The draft editor on its own, with its keys named below it. */
export function DraftEditor(props: DraftEditorProps) {
  const { lines } = useDraftEditor(props);
  const plain = useIsScreenReaderEnabled();
  const hints = keyHintRows(draftEditorHints({ canEditExternally: props.editExternally !== undefined, plain }), props.width + 1);
  return <Lines lines={[...lines, ...hints.map((t) => line(t, { dim: true }))]} />;
}
