// Framework's standard library, as local modules see it (pages get these names implicitly).
declare module "observablehq:stdlib" {
  export function FileAttachment(name: string): { href: string; name: string };
}
