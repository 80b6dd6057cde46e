import { start } from '@/server';
import '@/shutdown';

start();
