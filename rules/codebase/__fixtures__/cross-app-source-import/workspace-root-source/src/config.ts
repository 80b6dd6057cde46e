export const region = 'eu';
