/** API shapes of the passenger module, shared by bff and the apps. */
export {};
