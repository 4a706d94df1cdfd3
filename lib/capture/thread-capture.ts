// SPDX-License-Identifier: AGPL-3.0-or-later
import type { EvidenceFile, ItemGroup, ItemJson } from '../model/item';
import type { CaptureExtension, CaptureTarget, CaptureVault } from './capture-tab';
import { commitOrExplain } from './commit';
import { elementArtifacts, type PostCapture, type PostCaptureDeps } from './element-capture';
import type { MediaResult } from './media';
import type { ElementData } from './element-data';
import { CaptureError } from './errors';
import type { ThreadProgressStore } from './thread-progress';

export interface ThreadCaptureDeps extends Pick<
  PostCaptureDeps,
  'capture' | 'cropPng' | 'utf8Encode'
> {
  posts: Pick<PostCapture, 'runPostScript'>;
  progress: ThreadProgressStore;
  /** Starts storing one post's item in the current case (the vault's `draftCapture`). */
  draftCapture: CaptureVault['draftCapture'];
  sha256Hex(bytes: Uint8Array): Promise<string>;
  randomId(): string;
}

export interface ThreadResult {
  groupId: string;
  itemIds: string[];
  state: 'done' | 'cancelled';
}

interface PendingItem {
  item: ItemJson;
  /** Begun while the page was captured: sealed meanwhile, and bound to the vault of then. */
  draft: ReturnType<CaptureVault['draftCapture']>;
}

/** A thread page shows its own post; a profile lists one author's posts; else a page of posts. */
export function groupKind(elements: ElementData[], pagePost: boolean): ItemGroup['kind'] {
  if (pagePost) return 'thread';
  const handles = new Set(elements.map((e) => e.post?.author?.handle));
  return elements.length > 1 && handles.size === 1 && !handles.has(undefined) ? 'profile' : 'page';
}

/**
 * Creates thread and profile capture: the page once (screenshots, archive, snapshot), then every
 * recognised post as an item of its own, cut from the page's screenshots, so no extra screenshot
 * is taken and Chromium's 2-per-second quota is never in the way.
 */
export function createThreadCapture(deps: ThreadCaptureDeps) {
  async function postItem(
    base: Readonly<ItemJson>,
    el: ElementData,
    group: ItemGroup,
    shots: { visiblePng: Uint8Array; fullPng?: Uint8Array },
    media: MediaResult | undefined,
  ): Promise<PendingItem> {
    const made = await elementArtifacts(el, shots, deps);
    const files: Array<(typeof made.files)[number] & { sha256?: string }> = [
      ...made.files,
      ...(media?.files ?? []).map((f) => ({ ...f, role: 'media' as const })),
    ];
    const notes = [...made.notes, ...(media?.notes ?? [])];
    const post = media?.post ?? el.post;
    const described: EvidenceFile[] = [];
    for (const f of files) {
      const sha256 = f.sha256 ?? (await deps.sha256Hex(f.bytes));
      described.push({
        path: f.path,
        role: f.role,
        sha256,
        bytes: f.bytes.byteLength,
        mediaType: f.mediaType,
      });
    }
    const item: ItemJson = {
      formatVersion: 1,
      id: deps.randomId(),
      capturedAt: base.capturedAt,
      timezone: base.timezone,
      source: base.source,
      environment: base.environment,
      collector: base.collector,
      files: described,
      ...(post ? { post } : {}),
      group,
      notes: [
        ...notes,
        `one post of the page captured as item ${base.id}, cut from its screenshots`,
      ],
    };
    const draft = deps.draftCapture();
    for (const f of files) draft.add(f.path, f.bytes);
    return { item, draft };
  }

  return {
    /** Captures the page and each of its posts; progress and cancel go through `deps.progress`. */
    async captureThread(target: CaptureTarget): Promise<ThreadResult> {
      const groupId = deps.randomId();
      const found = await deps.posts.runPostScript(target.tabId, 'all');
      if (found.kind !== 'all') throw new CaptureError('script-failed', 'The page listed no posts');
      const kind = groupKind(found.elements, found.pagePost);
      const total = found.elements.length + 1;
      await deps.progress.set({ groupId, state: 'running', done: 0, total });
      const pending: PendingItem[] = [];
      try {
        // Each post's images are downloaded with the page's, in one pass through the page.
        const otherPosts = found.elements.flatMap((el) => (el.post ? [el.post] : []));
        const extend: CaptureExtension = async (shots) => {
          let withPost = 0;
          for (const [i, el] of found.elements.entries()) {
            const group = { id: groupId, kind, index: i + 1, total };
            const media = el.post ? shots.media[withPost++] : undefined;
            pending.push(await postItem(shots.item, el, group, shots, media));
          }
          const notes = found.elements.length === 0 ? ['no posts recognised on this page'] : [];
          return { files: [], group: { id: groupId, kind, index: 0, total }, notes };
        };
        const page = await deps.capture.capture(target, extend, { otherPosts });
        const itemIds = [page.itemId];
        await deps.progress.set({ groupId, state: 'running', done: 1, total });
        for (const { item, draft } of pending) {
          if (await deps.progress.cancelRequested(groupId)) {
            await deps.progress.set({ groupId, state: 'cancelled', done: itemIds.length, total });
            return { groupId, itemIds, state: 'cancelled' };
          }
          await commitOrExplain(() => draft.commit(item));
          itemIds.push(item.id);
          await deps.progress.set({ groupId, state: 'running', done: itemIds.length, total });
        }
        await deps.progress.set({ groupId, state: 'done', done: itemIds.length, total });
        return { groupId, itemIds, state: 'done' };
      } catch (error) {
        const done = (await deps.progress.get())?.done ?? 0;
        await deps.progress.set({ groupId, state: 'error', done, total, error: String(error) });
        throw error;
      }
    },
  };
}

export type ThreadCapture = ReturnType<typeof createThreadCapture>;
