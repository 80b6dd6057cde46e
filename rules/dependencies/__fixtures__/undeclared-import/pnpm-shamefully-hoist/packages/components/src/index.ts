import { BaseMessage } from '@langchain/core/messages';

export const isMessage = (m: unknown): m is BaseMessage => m instanceof BaseMessage;
