// Walks through the latent space between two z's (Radford et al. 2015, Sec. 6.1: smooth
// transitions mean G has not memorised, and that z's space is organised).
//   lerp(z0, z1, t)  = (1 - t) z0 + t z1
//   slerp(z0, z1, t) = sin((1 - t) W) / sin W z0 + sin(t W) / sin W z1,  cos W = z0.z1 / (|z0| |z1|)
// (Shoemake 1985; White 2016 recommends it for GANs: a Gaussian z of high dimension lies near a
// sphere, and the straight line cuts through its inside, where G saw no samples.) Both give z0 at
// t = 0 and z1 at t = 1 exactly. When z0 and z1 are (anti)parallel, sin W = 0 and slerp falls
// back to lerp.
//
//   Tensor path = latent_path(z0, z1, 8, true);   // (8, Z): slerp at t = 0, 1/7, ..., 1
#pragma once

#include <vector>

#include "gan/tensor/tensor.h"

namespace gan::inspect {

// z0, z1: Z numbers each. -> the point at t.
std::vector<float> lerp(const std::vector<float>& z0, const std::vector<float>& z1, double t);
std::vector<float> slerp(const std::vector<float>& z0, const std::vector<float>& z1, double t);

// `steps` >= 2 points from z0 to z1 at t = k / (steps - 1), by slerp or lerp -> (steps, Z)
Tensor latent_path(const std::vector<float>& z0, const std::vector<float>& z1, int steps, bool spherical);

// sin and arccos by series and bisection in double, with +, -, *, / only, so that a walk gives the
// same bits on every machine (the C library's last bit differs between CPUs and libraries).
double series_sin(double x);     // |x| <= 4
// c in [-1, 1] -> [0, pi]; to 1e-15, but only to about 1e-8 where |c| is within 1e-15 of 1, where
// cos is flat (slerp then falls back to lerp anyway).
double series_arccos(double c);

}  // namespace gan::inspect
