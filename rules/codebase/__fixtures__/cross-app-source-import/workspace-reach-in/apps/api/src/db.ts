export const findOrder = (id: string) => ({ id });
