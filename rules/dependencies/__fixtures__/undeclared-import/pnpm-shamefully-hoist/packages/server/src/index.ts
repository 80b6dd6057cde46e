import { HumanMessage } from '@langchain/core/messages';
import { isMessage } from 'flow-components';
import keyv from 'keyv';

export const greet = () => isMessage(new HumanMessage('hello')) && keyv;
