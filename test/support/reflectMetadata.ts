// type-graphql's decorators use the Reflect metadata API as the schema classes load. The services load
// it in their main.ts; tests that build a schema or start a subgraph in-process get it from here.
import 'reflect-metadata';
