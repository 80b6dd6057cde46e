export { MDXRemote } from 'next-mdx-remote';
