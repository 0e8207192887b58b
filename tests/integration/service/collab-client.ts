/** An editor as the UI holds one, for tests and test children (no vitest in here). */
import { collab, getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import type { SiglumApi } from '../../../edition/api.ts';
import { schema } from '../../../edition/schema.ts';

/** An editor as the UI holds one: an EditorState with prosemirror-collab. */
export class CollabClient {
  state: EditorState;

  constructor(
    private readonly api: Pick<SiglumApi, 'openDocument' | 'pushSteps' | 'stepsSince'>,
    readonly documentId: string,
    opened: { doc: unknown; version: number },
    readonly clientID: string,
  ) {
    this.state = EditorState.create({
      doc: Node.fromJSON(schema, opened.doc),
      plugins: [collab({ version: opened.version, clientID })],
    });
  }

  static async open(api: CollabClient['api'], documentId: string, clientID: string): Promise<CollabClient> {
    return new CollabClient(api, documentId, await api.openDocument({ id: documentId }), clientID);
  }

  type(text: string, pos: number): void {
    this.state = this.state.apply(this.state.tr.insertText(text, pos));
  }

  /** The store version this client's document is at. */
  version(): number {
    return getVersion(this.state);
  }

  /** Pulls steps it has not seen. */
  async pull(): Promise<void> {
    const since = await this.api.stepsSince({ documentId: this.documentId, version: getVersion(this.state) });
    if (since.steps.length === 0) return;
    const steps = since.steps.map((s) => Step.fromJSON(schema, s));
    this.state = this.state.apply(receiveTransaction(this.state, steps, since.clientIDs));
  }

  /**
   * Pushes its pending steps until the store has them (pulling when behind). Returns the
   * store version at which its own steps were committed (or the version it is at, when
   * it had none): what it pulls afterwards may already hold another client's steps.
   */
  async sync(): Promise<number> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const sendable = sendableSteps(this.state);
      if (sendable === null) {
        await this.pull();
        return this.version();
      }
      const result = await this.api.pushSteps({
        documentId: this.documentId,
        version: sendable.version,
        clientID: String(sendable.clientID),
        steps: sendable.steps.map((s) => s.toJSON()),
      });
      await this.pull();
      if (result.ok && sendableSteps(this.state) === null) return result.version;
    }
    throw new Error('client did not converge in 20 rounds');
  }
}
