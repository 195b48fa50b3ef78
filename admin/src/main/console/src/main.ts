import { router } from './router';
import { pageRoutes } from './pages';
import { AppShell } from './components/app-shell';

// The routes first: <cs-app> in the document is upgraded (and reads the address) as soon as it is defined.
router.register(pageRoutes);
customElements.define('cs-app', AppShell);
