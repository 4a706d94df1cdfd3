// SPDX-License-Identifier: AGPL-3.0-or-later
import { browser } from 'wxt/browser';
import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from './protocol';

/** A refusal or failure reported by the background, with its machine-readable code. */
export class MessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MessageError';
  }
}

/** Sends one typed message to the background; throws `MessageError` when it is refused or fails. */
export async function sendMessage<T extends MessageType>(
  type: T,
  payload: RequestOf<T>,
): Promise<ResponseOf<T>> {
  const envelope: Envelope<T> = { type, payload };
  const raw: unknown = await browser.runtime.sendMessage(envelope);
  const reply = raw as Reply<ResponseOf<T>> | null | undefined;
  if (reply === undefined || reply === null) {
    throw new MessageError('no-reply', `No reply to ${type}`);
  }
  if (!reply.ok) throw new MessageError(reply.error.code, reply.error.message);
  return reply.value;
}
