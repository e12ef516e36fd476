import { useParams } from 'react-router';
import RouteEditor from './components/RouteEditor';
import RouteList from './components/RouteList';

/** /basedata/routes lists routes; /basedata/routes/:id (or /new) edits one with its stops and zones on the map. */
export default function RoutesPage() {
  const { id } = useParams();
  // keyed so switching from one route to another starts a fresh editor
  return id ? <RouteEditor key={id} id={id} /> : <RouteList />;
}
