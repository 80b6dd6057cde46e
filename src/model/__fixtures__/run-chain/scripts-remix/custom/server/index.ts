export const unrelated = true;
