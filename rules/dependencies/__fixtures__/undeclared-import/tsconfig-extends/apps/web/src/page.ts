import { button } from '@ui/button';
import logo from 'assets/img/logo.png';

export const render = () => button(`<img src="${logo}"> Save`);
