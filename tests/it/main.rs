mod normalize;
