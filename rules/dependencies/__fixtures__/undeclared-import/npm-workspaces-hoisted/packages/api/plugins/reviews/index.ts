import { sortBy } from 'remeda';
import { mapAll } from '@sign/lib';

export const reviewsPlugin = { sortBy, mapAll };
