import { serialize } from 'next-mdx-remote/serialize';

export const compile = (source: string) => serialize(source);
