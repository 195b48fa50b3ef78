// Every page of the console, by path. A page module defines its custom element; its route is listed here.
import type { PageRoute } from '../router';
import './home-page';
import './not-found-page';

export const pageRoutes: PageRoute[] = [
  { path: '/', tag: 'cs-home-page', title: 'Tailnet', nav: 0 },
];

export const notFound: PageRoute = { path: '*', tag: 'cs-not-found-page', title: 'Not found' };
