/**
 * The draft editor alone in a real terminal, as take would hold it (under
 * the keys router, with the candidate's own editor behind Ctrl-O). Every
 * change is written to <out> (as take would journal it); Esc or Ctrl-C ends.
 * Run bundled: node harness.mjs <out> [maxWords].
 */
import { writeFileSync } from 'node:fs';
import { render } from 'ink';
import { DraftEditor } from '../../../src/ui/editor/draft-editor.js';
import { KeysRouter } from '../../../src/ui/hooks/keys-router.js';
import { editInExternalEditor } from '../../../src/store/external-editor.js';

const [out, maxWords] = process.argv.slice(2) as [string, string | undefined];
writeFileSync(out, '');
const instance = render(
  <KeysRouter>
    <DraftEditor
      text=""
      width={60}
      height={8}
      limits={maxWords ? { max: Number(maxWords) } : undefined}
      onChange={(text) => writeFileSync(out, text)}
      onLeave={() => instance.unmount()}
      onQuit={() => instance.unmount()}
      editExternally={(text) => editInExternalEditor(text)}
    />
  </KeysRouter>,
  { exitOnCtrlC: false },
);
await instance.waitUntilExit();
process.stdout.write('harness done\n');
