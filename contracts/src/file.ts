/** API shapes of the file module, shared by bff and the apps. */
export {};
