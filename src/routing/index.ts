export type {
  ModelSubstitution,
  RouteDecision,
  RouteName,
  Router,
  RouterInput,
  RouteSelection,
  RouteSignals,
} from './types.js';
