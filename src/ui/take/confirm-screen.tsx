import { useKeys } from '../hooks/use-keys.js';
import { Lines, line } from '../layout/line.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { wrapText } from '../layout/wrap.js';

export interface ConfirmScreenProps {
  title: string;
  body: string[];
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  /** Ctrl-C here; by default the same as "no". */
  onCtrlC?: () => void;
}

/** A yes/no question; only y or n answer it, so a stray Enter never submits or quits. */
export function ConfirmScreen({ title, body, yes, no, onYes, onNo, onCtrlC }: ConfirmScreenProps) {
  const { columns } = useTerminalSize();
  useKeys((input, key) => {
    if (key.ctrl && input === 'c') (onCtrlC ?? onNo)();
    else if (input === 'y' || input === 'Y') onYes();
    else if (input === 'n' || input === 'N' || key.escape) onNo();
  });
  return (
    <Lines
      lines={[
        line(title, { bold: true }),
        line(''),
        ...body.flatMap((b) => wrapText(b, columns - 1).map((t) => line(t))),
        line(''),
        line(`y: ${yes}    n: ${no}`, { bold: true }),
      ]}
    />
  );
}
