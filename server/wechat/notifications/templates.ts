// The templates live in core/ so the mini-program asks for the same ids the server sends.
export * from '../../../core/subscribe-templates';
