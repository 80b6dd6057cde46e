export const template = 'one';
