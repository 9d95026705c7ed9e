import DeskApp from './DeskApp';
import './desk.scss';

/** pages/desk/index — the PC desk, registered for the H5 build only. */
export default function DeskPage() {
  return <DeskApp />;
}
