/**
 * Sharing the project through Git: link it to a repository, see what changed since the
 * last commit, "Share changes" (commit with the editor's name and a message), Pull and
 * Push, and settle a pull's conflicts side by side (ConflictView).
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import type { GitPullResult } from '../../edition/git/api.ts';
import { useStores } from '../stores/context.ts';
import { sentenceOf } from '../stores/notices.ts';
import ConflictView from './ConflictView.tsx';
import './share.css';

/** The editor's name and e-mail, remembered in this browser for the next commit. */
const AUTHOR_KEY = 'siglum-git-author';

function rememberedAuthor(): { name: string; email: string } {
  try {
    const v = JSON.parse(localStorage.getItem(AUTHOR_KEY) ?? '{}') as { name?: unknown; email?: unknown };
    return { name: typeof v.name === 'string' ? v.name : '', email: typeof v.email === 'string' ? v.email : '' };
  } catch {
    return { name: '', email: '' };
  }
}

function pullSummary(r: GitPullResult): string {
  if (r.upToDate) return 'Already up to date: the remote has nothing new.';
  const parts = [
    r.changed.length > 0 ? `${r.changed.length} taken from the remote` : '',
    r.merged.length > 0 ? `${r.merged.length} merged` : '',
    r.added.length > 0 ? `${r.added.length} added` : '',
    r.removed.length > 0 ? `${r.removed.length} removed` : '',
    r.conflicts.length > 0 ? `${r.conflicts.length} in conflict, to settle below` : '',
  ].filter((p) => p !== '');
  return `Pulled: ${parts.join(', ') || 'nothing changed in the documents'}. The project as it was is the version “${r.before}”.`;
}

export default function ShareTab() {
  const { client } = useStores();
  const [status, { refetch }] = createResource(() => client.gitStatus({}));
  const [message, setMessage] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const author = rememberedAuthor();
  let remote!: HTMLInputElement;
  let name!: HTMLInputElement;
  let email!: HTMLInputElement;
  let commitMessage!: HTMLInputElement;
  let username!: HTMLInputElement;
  let password!: HTMLInputElement;
  const ready = () => (status.state === 'ready' ? status() : undefined);
  const credentials = () =>
    username.value.trim() === '' ? {} : { username: username.value.trim(), password: password.value };

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage(await work());
    } catch (e) {
      setMessage(sentenceOf(e));
    } finally {
      setBusy(false);
      await refetch();
    }
  };

  return (
    <div class="share-tab">
      <Show when={message()}>
        <p class="workspace-message" role="status">
          {message()}
        </p>
      </Show>
      <Show when={status.error}>
        <p class="workspace-message" role="alert">
          {sentenceOf(status.error)}
        </p>
      </Show>
      <Show when={ready()?.linked === false}>
        <p>
          Share this project through a Git repository: each document becomes a TEI file, the register and settings
          readable JSON, and every “Share changes” a commit others can pull.
        </p>
        <form
          class="workspace-form"
          onSubmit={(e) => {
            e.preventDefault();
            const url = remote.value.trim();
            void run(async () => {
              const s = await client.gitInit(url === '' ? {} : { remote: url });
              return `Linked to a new repository in ${s.workTree}.`;
            });
          }}
        >
          <input ref={remote} aria-label="Remote repository" placeholder="https://… or a folder (optional)" />
          <button type="submit" class="button primary" disabled={busy()}>
            Link to a repository
          </button>
        </form>
      </Show>
      <Show when={ready()?.linked ? ready() : undefined}>
        {(s) => (
          <>
            <p class="share-facts">
              <span class="workspace-dim">Working tree</span> {s().workTree}
              <br />
              <span class="workspace-dim">Remote</span> {s().remote ?? 'none'}
              <br />
              <span class="share-counts">
                {s().ahead} commit{s().ahead === 1 ? '' : 's'} to push, {s().behind} to pull
              </span>
            </p>
            <h3 class="workspace-heading">Changed since the last commit</h3>
            <Show when={s().changed.length + s().otherChanges.length > 0} fallback={<p>Nothing has changed.</p>}>
              <ul class="workspace-list share-changed" aria-label="Changed since the last commit">
                <For each={[...s().changed, ...s().otherChanges]}>{(t) => <li class="workspace-row">{t}</li>}</For>
              </ul>
            </Show>
            <form
              class="share-commit"
              onSubmit={(e) => {
                e.preventDefault();
                const who = { name: name.value.trim(), email: email.value.trim() };
                localStorage.setItem(AUTHOR_KEY, JSON.stringify(who));
                void run(async () => {
                  const r = await client.gitCommit({ message: commitMessage.value, ...who });
                  commitMessage.value = '';
                  return `Shared your changes as commit ${r.commit.slice(0, 8)} (${r.files.length} files).`;
                });
              }}
            >
              <input ref={name} aria-label="Your name" placeholder="Your name" value={author.name} />
              <input ref={email} aria-label="Your e-mail" placeholder="you@example.org" value={author.email} />
              <input ref={commitMessage} aria-label="What changed" placeholder="What changed" class="share-message" />
              <button type="submit" class="button primary" disabled={busy()}>
                Share changes
              </button>
            </form>
            <div class="workspace-actions share-remote">
              <button
                type="button"
                class="button"
                disabled={busy() || s().remote === null}
                onClick={() =>
                  void run(async () =>
                    pullSummary(await client.gitPull({ name: name.value, email: email.value, ...credentials() })),
                  )
                }
              >
                Pull
              </button>
              <button
                type="button"
                class="button"
                disabled={busy() || s().remote === null}
                onClick={() =>
                  void run(async () => `Pushed commit ${(await client.gitPush(credentials())).commit.slice(0, 8)}.`)
                }
              >
                Push
              </button>
              <details class="share-credentials">
                <summary>Credentials for an HTTPS remote</summary>
                <input ref={username} aria-label="User name" autocomplete="username" />
                <input ref={password} aria-label="Password or token" type="password" autocomplete="current-password" />
              </details>
            </div>
            <For each={s().conflicts}>
              {(c) => (
                <ConflictView
                  conflict={c}
                  onSettle={(choices) =>
                    void run(async () => {
                      await client.gitResolve({
                        documentId: c.documentId,
                        choices,
                        name: name.value,
                        email: email.value,
                      });
                      return `Settled the conflicts in “${c.title}”.`;
                    })
                  }
                />
              )}
            </For>
          </>
        )}
      </Show>
    </div>
  );
}
