import { useEffect, useMemo, useState } from 'react';
import { AppContext } from './lib/app-context';
import { createGateway } from './lib/gateway';
import { logout, type AdminSession } from './lib/login';
import { parseRoute, type Route } from './lib/route';
import { clearSession, loadSession, saveSession } from './lib/session';
import { Layout } from './components/Layout';
import { SignInPage } from './pages/SignInPage';
import { OverviewPage } from './pages/OverviewPage';
import { UsersPage } from './pages/users/UsersPage';
import { RoomsPage } from './pages/rooms/RoomsPage';
import { RoomPage } from './pages/room/RoomPage';
import { EventPage } from './pages/EventPage';
import { TokensPage } from './pages/tokens/TokensPage';

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'users':
      return <UsersPage />;
    case 'rooms':
      return <RoomsPage />;
    case 'room':
      return <RoomPage key={route.roomId} roomId={route.roomId} />;
    case 'event':
      return <EventPage key={route.eventId} eventId={route.eventId} />;
    case 'tokens':
      return <TokensPage />;
    default:
      return <OverviewPage />;
  }
}

/** Signed out: the sign-in page. Signed in: the layout and the page the hash names. */
export function App() {
  const [session, setSession] = useState<AdminSession | null>(() => loadSession());
  const route = useRoute();
  const value = useMemo(() => {
    if (!session) return null;
    const signOut = () => {
      void logout(session);
      clearSession();
      setSession(null);
    };
    return { session, gateway: createGateway(session.accessToken), signOut };
  }, [session]);

  useEffect(() => {
    document.title = `Courier admin · ${route.page}`;
  }, [route]);

  if (!value) {
    return (
      <SignInPage
        onSignedIn={(s) => {
          saveSession(s);
          setSession(s);
        }}
      />
    );
  }
  return (
    <AppContext.Provider value={value}>
      <Layout route={route}>
        <Page route={route} />
      </Layout>
    </AppContext.Provider>
  );
}
