import Handlebars from 'handlebars';
import { camelCase } from 'change-case';

export const render = (t: string) => Handlebars.compile(camelCase(t));
