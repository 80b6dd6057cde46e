export const template = 'two';
