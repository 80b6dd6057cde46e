// Near miss of plugin-folder-in-app: the outer package is a workspace root, whose members are packages of their own.
import { region } from '../../../src/config';
export const where = () => region;
