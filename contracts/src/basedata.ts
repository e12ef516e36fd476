/** API shapes of the basedata module, shared by bff and the apps. */
export {};
