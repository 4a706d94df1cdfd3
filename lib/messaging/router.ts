// SPDX-License-Identifier: AGPL-3.0-or-later
import {
  PROTOCOL,
  isMessageType,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
  type SenderPolicy,
  type WireError,
} from './protocol';

/** The parts of `runtime.MessageSender` the policy looks at. */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { url?: string };
}

export type Handlers = {
  [T in MessageType]: (payload: RequestOf<T>) => Promise<ResponseOf<T>>;
};

export interface RouterOptions {
  /** `runtime.getURL('/')`, e.g. `chrome-extension://<id>/`. */
  extensionOrigin: string;
  /** `runtime.id`. */
  runtimeId: string;
  /** Called for every refused message, so refusals are loud. */
  onRejected?: (reason: WireError, sender: SenderInfo) => void;
}

export interface Router {
  handle(message: unknown, sender: SenderInfo): Promise<Reply<unknown>>;
}

/** Error whose `code` crosses the message boundary as is. */
export class CodedError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CodedError';
  }
}

function startsWithOrigin(url: string | undefined, origin: string): boolean {
  return typeof url === 'string' && url.startsWith(origin);
}

/** Decides once, from the sender alone, whether it satisfies a policy. */
export function senderSatisfies(
  policy: SenderPolicy,
  sender: SenderInfo,
  options: Pick<RouterOptions, 'extensionOrigin' | 'runtimeId'>,
): boolean {
  switch (policy) {
    case 'extension-page': {
      const origin = options.extensionOrigin;
      if (sender.id !== options.runtimeId) return false;
      if (!startsWithOrigin(sender.url, origin)) return false;
      // Chromium reports the frame origin; Firefox does not. When present it must agree.
      if (sender.origin !== undefined && !startsWithOrigin(`${sender.origin}/`, origin))
        return false;
      // A content script in a web page has a tab whose URL is the web page.
      if (sender.tab?.url !== undefined && !startsWithOrigin(sender.tab.url, origin)) return false;
      return true;
    }
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const coded = (error as { code?: unknown }).code;
    return { code: typeof coded === 'string' ? coded : error.name, message: error.message };
  }
  return { code: 'Error', message: String(error) };
}

/**
 * Builds the background's message router: sender policy first, then payload shape, then the
 * handler. Every refusal is returned as `{ ok: false }` and reported through `onRejected`.
 */
export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  const reject = (error: WireError, sender: SenderInfo): Reply<unknown> => {
    options.onRejected?.(error, sender);
    return { ok: false, error };
  };
  return {
    async handle(message, sender) {
      if (typeof message !== 'object' || message === null) {
        return reject({ code: 'bad-message', message: 'Message is not an object' }, sender);
      }
      const { type, payload } = message as { type?: unknown; payload?: unknown };
      if (!isMessageType(type)) {
        return reject(
          {
            code: 'unknown-type',
            // Bounded: the type comes from the sender and is echoed into the log.
            message: `Unknown message type: ${JSON.stringify(String(type).slice(0, 64))}`,
          },
          sender,
        );
      }
      const spec = PROTOCOL[type];
      if (!senderSatisfies(spec.policy, sender, options)) {
        return reject({ code: 'forbidden-sender', message: `Sender may not send ${type}` }, sender);
      }
      if (!spec.validate(payload)) {
        return reject({ code: 'bad-payload', message: `Invalid payload for ${type}` }, sender);
      }
      try {
        const handler = handlers[type] as (p: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(payload) };
      } catch (error) {
        return { ok: false, error: toWireError(error) };
      }
    },
  };
}
