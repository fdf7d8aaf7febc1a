/**
 * An aggregate's pure decision logic: `decide` turns a command met with the current state into
 * events (or throws a DomainError), `evolve` folds an event into the state.
 */
export interface Decider<Command, Event, State> {
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}
