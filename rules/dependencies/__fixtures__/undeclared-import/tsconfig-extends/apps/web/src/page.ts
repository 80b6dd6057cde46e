import { button } from '@ui/button';

export const render = () => button('Save');
