// Stylesheets and images imported by components resolve to nothing in jest.
export default {};
