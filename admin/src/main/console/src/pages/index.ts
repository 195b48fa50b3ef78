// Every page of the console, by path. A page module defines its custom element; its route is listed here.
import type { PageRoute } from '../router';
import './home-page';
import './not-found-page';
import './machines-page';
import './machine-page';
import './users-page';
import './user-page';
import './preauth-keys-page';
import './api-keys-page';
import './ssh-checks-page';
import './policy-page';
import './audit-page';
import './history-diff-page';
import './access-page';
import './reports-page';

export const pageRoutes: PageRoute[] = [
  { path: '/', tag: 'cs-home-page', title: 'Tailnet', nav: 0 },
  { path: '/machines', tag: 'cs-machines-page', title: 'Machines', nav: 10 },
  { path: '/machines/:id', tag: 'cs-machine-page', title: 'Machine' },
  { path: '/users', tag: 'cs-users-page', title: 'Users', nav: 20 },
  { path: '/users/:id', tag: 'cs-user-page', title: 'User' },
  { path: '/keys', tag: 'cs-preauth-keys-page', title: 'Pre-auth keys', nav: 30 },
  { path: '/apikeys', tag: 'cs-api-keys-page', title: 'API keys', nav: 35 },
  { path: '/ssh-checks', tag: 'cs-ssh-checks-page', title: 'SSH checks', nav: 40 },
  { path: '/policy', tag: 'cs-policy-page', title: 'Policy', nav: 50 },
  { path: '/audit', tag: 'cs-audit-page', title: 'Audit', nav: 60 },
  { path: '/history', tag: 'cs-history-diff-page', title: 'History diff', nav: 70 },
  { path: '/access', tag: 'cs-access-page', title: 'Access', nav: 75 },
  { path: '/reports', tag: 'cs-reports-page', title: 'Reports', nav: 80 },
];

export const notFound: PageRoute = { path: '*', tag: 'cs-not-found-page', title: 'Not found' };
