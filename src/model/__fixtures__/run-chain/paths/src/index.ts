import { start } from '@/server';
import { helper } from '~lib';
import { other } from 'lib-not-here';
start(helper, other);
