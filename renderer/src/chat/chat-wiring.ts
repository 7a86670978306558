// What the pieces of useChat share: the api, the reducer's dispatch and the state as of the last
// render (async actions need the conversation open when they finish, not when they started).
import type { Dispatch, RefObject } from 'react';
import type { AideApi } from '../../../common/contract';
import type { ChatAction, ChatState } from './chat-state';

export interface ChatWiring {
  api: AideApi;
  dispatch: Dispatch<ChatAction>;
  current: RefObject<ChatState>;
}

/** Messages fetched at a time: a long conversation opens with its newest page. */
export const PAGE_SIZE = 100;
