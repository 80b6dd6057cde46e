// Globals of the browser bundle, typed by the declared @types package of @acme/widgets.
import 'acme__widgets';

export interface WidgetWindow {
  widgetsReady: boolean;
}
